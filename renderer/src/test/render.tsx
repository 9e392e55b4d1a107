import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';

/** jsdom has no layout, so virtualized lists are told a viewport size explicitly. */
export function renderWithLayout(ui: ReactElement) {
  return render(<VirtuosoMockContext.Provider value={{ viewportHeight: 2000, itemHeight: 40 }}>{ui}</VirtuosoMockContext.Provider>);
}
