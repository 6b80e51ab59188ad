// Read the question and its choices aloud with the browser's own speech synthesis.

export function addReadAloud (root) {
  if (!('speechSynthesis' in window)) return
  for (const form of root.querySelectorAll('form[data-read-aloud]')) {
    const button = form.querySelector('.coprod-read-aloud')
    if (!button) continue
    button.hidden = false
    button.addEventListener('click', () => {
      window.speechSynthesis.cancel()
      const parts = []
      const heading = form.querySelector('h1')
      if (heading) parts.push(heading.textContent)
      const hint = form.querySelector('.nhsuk-hint')
      if (hint) parts.push(hint.textContent)
      for (const label of form.querySelectorAll('.nhsuk-radios__label, .nhsuk-checkboxes__label')) {
        parts.push(label.textContent)
      }
      const utterance = new window.SpeechSynthesisUtterance(
        parts.map((part) => part.trim().replace(/\s+/g, ' ')).join('. ')
      )
      utterance.lang = document.documentElement.lang || 'en-GB'
      utterance.rate = 0.9
      window.speechSynthesis.speak(utterance)
    })
  }
}
