/** Entry point: load amplify_outputs.json, configure aws-amplify from it, then render the app. */
import { render } from 'preact';
import { App } from './app.js';
import { configure } from './config.js';

const root = document.getElementById('app')!;
configure().then(
  (outputs) => render(<App outputs={outputs} />, root),
  (error: unknown) => {
    root.textContent = error instanceof Error ? error.message : String(error);
    root.setAttribute('role', 'alert');
  },
);
