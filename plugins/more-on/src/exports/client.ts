export { MoreOnPanel } from '../components/MoreOnPanel.js'
export { TagSuggestions } from '../components/TagSuggestions.js'
