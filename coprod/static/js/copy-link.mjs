// Copy buttons beside links on admin pages. Without script the buttons stay hidden and
// the link is plain text to select and copy by hand.

export function addCopyButtons (root) {
  for (const box of root.querySelectorAll('[data-module="coprod-copy"]')) {
    const source = box.querySelector('[data-copy-source]')
    const button = box.querySelector('button')
    const status = box.querySelector('[data-copy-status]')
    if (!source || !button) continue
    button.hidden = false
    button.addEventListener('click', async () => {
      const text = source.getAttribute('href') || source.textContent.trim()
      try {
        await navigator.clipboard.writeText(text)
        if (status) status.textContent = 'Link copied.'
      } catch {
        // No clipboard (an insecure address, or refused): select it for Ctrl+C instead.
        const range = document.createRange()
        range.selectNodeContents(source)
        const selection = window.getSelection()
        selection.removeAllRanges()
        selection.addRange(range)
        if (status) status.textContent = 'The link is selected: press Ctrl and C to copy it.'
      }
    })
  }
}
