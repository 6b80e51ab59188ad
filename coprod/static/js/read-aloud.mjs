// Listen: read the main part of a survey page aloud with the browser's own speech, in the
// order it is on the page (heading, text, choices or answers, help contacts), and stop
// when the button is pressed again. Without speech, or without script, the button stays
// hidden and the page reads the same.

// Parts of the page that are not read: controls (but a one-tap survey's answers, which are
// buttons, are read), things hidden from everyone, words meant
// only for screen readers (they would be said twice), and the "Change" links of the check
// page (the answers are read; the links would repeat each question).
const SKIP = [
  'button:not(.coprod-tap)', 'input', 'select', 'textarea', 'script', 'style', 'template', 'img', 'svg',
  '[hidden]', '[aria-hidden="true"]', '.nhsuk-u-visually-hidden', '[data-read-aloud-skip]',
  '.nhsuk-summary-list__actions', '.nhsuk-character-count__message',
  '.nhsuk-character-count__status'
].join(', ')
// Each of these is said as one sentence, with a pause before the next.
const BLOCKS = [
  'h1', 'h2', 'h3', 'h4', 'p', 'li', 'dt', 'dd', 'th', 'td', 'label', 'legend',
  '.nhsuk-hint', '.nhsuk-error-message', '.nhsuk-checkboxes__divider'
].join(', ')

function skipped (element) {
  if (element.matches(SKIP)) return true
  // Hidden by a style sheet (display: none and the like) is not on the page either.
  return typeof element.checkVisibility === 'function' && !element.checkVisibility()
}

// Return the words of a part of the page, one string for each block, in page order.
export function pageText (region) {
  const parts = []
  let block = null
  const walker = document.createTreeWalker(region, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode (node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.tagName === 'BR') return NodeFilter.FILTER_ACCEPT
        return skipped(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP
      }
      return node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP
    }
  })
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      block = null // a line break starts a new sentence, as in the help contacts
      continue
    }
    const text = node.textContent.replace(/\s+/g, ' ').trim()
    const here = node.parentElement.closest(BLOCKS) || node.parentElement
    if (here === block && parts.length) {
      parts[parts.length - 1] += ' ' + text
    } else {
      parts.push(text)
    }
    block = here
  }
  return parts
}

function sentence (part) {
  return /[.?!:]$/.test(part) ? part : part + '.'
}

function setUp (button, speech) {
  const region = button.closest('[data-read-aloud]') || document.querySelector('main')
  if (!region) return
  const status = button.parentElement.querySelector('[data-read-aloud-status]')
  const listenLabel = button.textContent.trim()
  const stopLabel = button.dataset.stopLabel || 'Stop'
  // Each reading has a number, so events from a reading that was stopped change nothing.
  let reading = 0
  let speaking = false

  const say = (text) => { if (status) status.textContent = text }
  const stopped = () => {
    reading += 1
    speaking = false
    button.textContent = listenLabel
    say(button.dataset.stoppedText || 'Stopped')
  }

  button.addEventListener('click', () => {
    if (speaking) {
      speech.cancel()
      stopped()
      return
    }
    speech.cancel()
    reading += 1
    const mine = reading
    const parts = pageText(region)
    if (!parts.length) return
    speaking = true
    button.textContent = stopLabel
    say(button.dataset.readingText || 'Reading aloud')
    // One utterance a sentence: some voices stop short on a long one, and Stop acts at once.
    parts.forEach((part, index) => {
      const utterance = new window.SpeechSynthesisUtterance(sentence(part))
      utterance.lang = document.documentElement.lang || 'en-GB'
      utterance.rate = 0.9
      if (index === parts.length - 1) {
        utterance.addEventListener('end', () => { if (mine === reading) stopped() })
      }
      utterance.addEventListener('error', () => { if (mine === reading) stopped() })
      speech.speak(utterance)
    })
  })
  button.hidden = false
}

export function addReadAloud (root) {
  if (!('speechSynthesis' in window) || !('SpeechSynthesisUtterance' in window)) return
  const speech = window.speechSynthesis
  const buttons = root.querySelectorAll('.coprod-read-aloud')
  if (!buttons.length) return
  // Speech can outlive the page it came from: stop it on arrival and on leaving.
  speech.cancel()
  window.addEventListener('pagehide', () => speech.cancel())
  for (const button of buttons) setUp(button, speech)
}
