// Renderer entry: the Trusted Types policy and the drop guard first, then mount the workbench
// behind the start-up screen. The API transport is chosen lazily on first call.
import './lib/zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StartupGate } from './components/shell/StartupGate';
import './styles/app.css';
import './styles/analysis.css';
import { installDropGuard } from './lib/dropGuard';
import { installTrustedTypes } from './lib/trustedTypes';

installTrustedTypes(window);
installDropGuard(window);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StartupGate>
        <App />
      </StartupGate>
    </StrictMode>,
  );
}
