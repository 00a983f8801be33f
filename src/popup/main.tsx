performance.mark('pc-popup-start');

import { render } from 'preact';
import { preloadStoreState } from '../ui/store';
import { COMPONENTS_CSS, PAGE_CSS } from '../ui/styles';
import { FOCUS_CSS, THEME_CSS } from '../ui/theme';
import { App, FACE_OPTIONS } from './App';
import './popup.css';

// The store read starts now, while the page builds its first frame.
preloadStoreState(FACE_OPTIONS);

const style = document.createElement('style');
style.textContent = THEME_CSS + FOCUS_CSS + PAGE_CSS + COMPONENTS_CSS;
document.head.append(style);
document.documentElement.lang = navigator.language;

const root = document.getElementById('app');
if (root) render(<App />, root);
