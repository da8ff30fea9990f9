import { describeChatAdapterContract } from '../adapter-contract.js';
import { startSlackHarness } from './slack-harness.js';

describeChatAdapterContract('slack over HTTP (signed requests to POST /slack/events)', () => startSlackHarness({ mode: 'http' }));
describeChatAdapterContract('slack in socket mode (app token, WebSocket)', () => startSlackHarness({ mode: 'socket' }));
