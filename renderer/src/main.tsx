/**
 * Renderer entry, kept tiny on purpose: it asks main for the kept inbox first, then loads the app
 * (./app-main), so main reads the copy while Chromium compiles and runs the app's code instead of
 * after it (docs/benchmarks.md, "warm launch").
 */
import { askEarlyForFirstScreen } from './sdk/early-inbox';

askEarlyForFirstScreen();
import('./app-main').catch((e: unknown) => console.error('[main] the app did not load', e));
