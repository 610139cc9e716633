// Monaco runs language services in web workers; the build emits each as its own file next to console.js.
const base = new URL('.', import.meta.url);

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    const name = label === 'graphql' ? 'graphql.worker' : label === 'json' ? 'json.worker' : 'editor.worker';
    return new Worker(new URL(`${name}.js`, base));
  },
};
