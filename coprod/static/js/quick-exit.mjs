// The quick exit of sexual-safety surveys, as in the NHS and GOV.UK "Exit this page"
// pattern: besides its button, pressing Shift three times within five seconds leaves.
// Without script the button alone works: it is a form that posts to the exit.

const PRESSES = 3
const WITHIN_MS = 5000

export function addQuickExit (root) {
  const exit = root.querySelector('[data-module="coprod-quick-exit"]')
  if (!exit) return
  const form = exit.querySelector('form')
  const hint = exit.querySelector('.coprod-exit__hint')
  const status = exit.querySelector('[data-quick-exit-status]')
  if (hint) hint.hidden = false
  let presses = 0
  let timer = null

  const leave = () => {
    document.body.classList.add('coprod-leaving')
    form.submit()
  }

  document.addEventListener('keyup', (event) => {
    if (event.key !== 'Shift') {
      presses = 0
      return
    }
    presses += 1
    window.clearTimeout(timer)
    if (presses >= PRESSES) {
      if (status) status.textContent = 'Exiting this page.'
      leave()
      return
    }
    const left = PRESSES - presses
    if (status) status.textContent = `Shift, press ${left} more ${left === 1 ? 'time' : 'times'} to exit.`
    timer = window.setTimeout(() => {
      presses = 0
      if (status) status.textContent = 'Exit this page expired.'
    }, WITHIN_MS)
  })
}
