/**
 * Renderer entry, kept tiny on purpose: it paints the launch snapshot main embedded in the
 * document (the inbox as last seen, as static HTML), asks main for the kept inbox, then loads the
 * app (./app-main), so main reads the copy while Chromium compiles and runs the app's code instead
 * of after it (docs/benchmarks.md, "warm launch").
 */
import { paintLaunchSnapshot } from './launch/snapshot-paint';
import { afterPaint } from './sdk/after-paint';
import { askEarlyForFirstScreen } from './sdk/early-inbox';

const loadApp = () => import('./app-main').catch((e: unknown) => console.error('[main] the app did not load', e));
const painting = paintLaunchSnapshot();
askEarlyForFirstScreen();
// With a snapshot on screen, the app's code (hundreds of milliseconds to compile and run) starts
// after the frame that paints it, not before (at once in a hidden window, which paints no frames).
if (painting) afterPaint(() => void loadApp());
else void loadApp();
