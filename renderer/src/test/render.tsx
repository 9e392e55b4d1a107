import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { DeskProvider } from '../session/context';
import { hostForTests } from './fakes';

const inSession = (ui: ReactElement) => <DeskProvider host={hostForTests()}>{ui}</DeskProvider>;

/** Renders inside the test's window (see fakes.resetAll), as main.tsx does. */
export function renderInSession(ui: ReactElement) {
  return render(inSession(ui));
}

/** jsdom has no layout, so virtualized lists are told a viewport size explicitly. */
export function renderWithLayout(ui: ReactElement) {
  return render(<VirtuosoMockContext.Provider value={{ viewportHeight: 2000, itemHeight: 40 }}>{inSession(ui)}</VirtuosoMockContext.Provider>);
}
