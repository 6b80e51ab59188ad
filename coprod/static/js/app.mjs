// Progressive enhancement only: every page works without script.
import { initAll } from '../vendor/nhsuk/nhsuk-frontend.min.js'
import { addCopyButtons } from './copy-link.mjs'
import { startIdleTimer } from './idle.mjs'
import { addQuickExit } from './quick-exit.mjs'
import { addReadAloud } from './read-aloud.mjs'

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported')
initAll()
startIdleTimer(document.body)
addReadAloud(document)
addQuickExit(document)
addCopyButtons(document)
