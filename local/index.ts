export { startEngine, type EngineOptions, type RunningEngine } from './engine.js';
