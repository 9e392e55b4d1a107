import { configure } from '@testing-library/dom';

// Store updates from the SDK are batched per animation frame and throttled while the SDK is busy,
// so on a loaded two-core CI machine a change can take longer than testing-library's 1 s default
// to reach the DOM. The assertions stay the same; they just get more time to come true.
configure({ asyncUtilTimeout: 5000 });
