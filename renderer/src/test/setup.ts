import { configure } from '@testing-library/dom';
import { initI18n } from '../i18n';

// Store updates from the SDK are batched per animation frame and throttled while the SDK is busy,
// so on a loaded two-core CI machine a change can take longer than testing-library's 1 s default
// to reach the DOM. The assertions stay the same; they just get more time to come true.
configure({ asyncUtilTimeout: 5000 });

// Tests read English text whatever the machine's locale; a test that switches language switches back.
initI18n('en', 'en-US');
