/** Types every `t('key')` against the English catalogue: a typo or a removed key fails typecheck. */
import 'i18next';
import type { Catalogue } from './catalogues';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
