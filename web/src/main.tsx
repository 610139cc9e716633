/** Entry point: load amplify_outputs.json, configure aws-amplify from it, then render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { configure } from './config.js';

const root = document.getElementById('app')!;
configure().then(
  (outputs) =>
    createRoot(root).render(
      <StrictMode>
        <App outputs={outputs} />
      </StrictMode>,
    ),
  (error: unknown) => {
    root.textContent = error instanceof Error ? error.message : String(error);
    root.setAttribute('role', 'alert');
  },
);
