// The whole of the SDK-only page's script (sdk-floors.ts): the SDK, handed to the page as a global.
import { Client } from '@twilio/conversations';

(globalThis as unknown as { SdkClient: typeof Client }).SdkClient = Client;
