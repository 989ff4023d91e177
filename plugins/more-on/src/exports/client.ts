export { MoreOnPanel } from '../components/MoreOnPanel.js'
