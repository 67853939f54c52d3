import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { installSession } from './stores/session'
import './app.css'

const pinia = createPinia()

// The entry component has no render function: Taro supplies the pages.
const App = createApp({})
App.use(pinia)
installSession(pinia)

export default App
