/**
 * The page's entry (bundled to `dist/console.js`): renders the console into `#app`. The only module that
 * runs on load; everything else is imported by it.
 */
import { render } from 'preact';
import { App } from './components/App.js';

const root = document.getElementById('app');
if (root) render(<App origin={location.origin} />, root);
