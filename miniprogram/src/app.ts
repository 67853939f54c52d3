import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { installSession } from './stores/session'
import { installPageViewReporting } from './utils/page-view-tracker'
import './app.css'

const pinia = createPinia()

// The entry component has no render function: Taro supplies the pages.
const App = createApp({})
App.use(pinia)
installSession(pinia)
installPageViewReporting()

export default App
