// On a ward tablet, clear the screen for the next person after a spell of no use.
// A warning comes first, with a count-down and one button to carry on.

export function startIdleTimer (body) {
  const idleSeconds = Number(body.dataset.kioskIdle)
  const warningSeconds = Number(body.dataset.kioskWarning)
  const resetUrl = body.dataset.kioskReset
  const stillHereUrl = body.dataset.kioskStillHere
  const dialog = document.getElementById('idle-warning')
  if (!idleSeconds || !warningSeconds || !resetUrl || !dialog) return

  const counter = document.getElementById('idle-seconds')
  const carryOn = document.getElementById('idle-continue')
  let idleTimer = null
  let tick = null
  let left = warningSeconds
  let lastFocus = null

  const reset = () => {
    // Post, so the server deletes the answers in progress, then show the start page.
    const form = document.createElement('form')
    form.method = 'post'
    form.action = resetUrl
    const token = document.querySelector('input[name="csrf_token"]')
    if (token) form.appendChild(token.cloneNode())
    document.body.appendChild(form)
    form.submit()
  }

  // While the warning shows, the page behind it is inert, so focus cannot move to
  // controls hidden under the overlay and screen readers stay in the dialog.
  const setPageInert = (inert) => {
    for (const element of document.body.children) {
      if (!element.contains(dialog)) element.inert = inert
    }
  }

  const warn = () => {
    lastFocus = document.activeElement
    left = warningSeconds
    counter.textContent = String(left)
    setPageInert(true)
    dialog.hidden = false
    carryOn.focus()
    tick = window.setInterval(() => {
      left -= 1
      counter.textContent = String(left)
      if (left <= 0) {
        window.clearInterval(tick)
        reset()
      }
    }, 1000)
  }

  // Tell the server now and then that someone is still here, or it clears the answers
  // in progress as left behind (it cannot see typing or reading).
  const pingEveryMs = Math.min(60, idleSeconds) * 1000
  let lastPing = Date.now()
  const stillHere = (force) => {
    if (!stillHereUrl || (!force && Date.now() - lastPing < pingEveryMs)) return
    lastPing = Date.now()
    const token = document.querySelector('input[name="csrf_token"]')
    window.fetch(stillHereUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: token ? { 'X-CSRFToken': token.value } : {}
    }).catch(() => {})
  }

  const restart = () => {
    if (!dialog.hidden) return
    stillHere(false)
    window.clearTimeout(idleTimer)
    idleTimer = window.setTimeout(warn, idleSeconds * 1000)
  }

  const carryOnNow = () => {
    window.clearInterval(tick)
    dialog.hidden = true
    setPageInert(false)
    if (lastFocus) lastFocus.focus()
    stillHere(true)
    restart()
  }
  carryOn.addEventListener('click', carryOnNow)
  // Escape closes the dialog as its one button does: the person is plainly still there.
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') carryOnNow()
  })
  for (const type of ['pointerdown', 'keydown', 'input', 'scroll', 'touchstart']) {
    document.addEventListener(type, restart, { passive: true })
  }
  restart()
}
