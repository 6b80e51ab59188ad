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
  // The page's own words (Easy Read has its own), with English if they are missing.
  const words = status ? status.dataset : {}
  const say = (text) => { if (status) status.textContent = text }
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
      say(words.leaving || 'Exiting this page.')
      leave()
      return
    }
    const left = PRESSES - presses
    say(left === 1
      ? (words.oneMore || 'Shift, press 1 more time to exit.')
      : (words.more || 'Shift, press {n} more times to exit.').replace('{n}', left))
    timer = window.setTimeout(() => {
      presses = 0
      say(words.expired || 'Exit this page expired.')
    }, WITHIN_MS)
  })
}
