// The script-tag file (`dist/embed/clavard.js`, an IIFE). The one module of the package that runs on
// load, as DESIGN.md allows: it reads its own <script> tag and defines `window.Clavard`, nothing else.
import { bootEmbed } from './boot-embed.js';

bootEmbed(window, document.currentScript);
