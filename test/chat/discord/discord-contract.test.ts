import { describeChatAdapterContract } from '../adapter-contract.js';
import { startDiscordContractHarness } from './discord-contract-harness.js';

describeChatAdapterContract('discord over the gateway (discord.js Client, INTERACTION_CREATE)', () => startDiscordContractHarness({ mode: 'gateway' }));
describeChatAdapterContract('discord over HTTP (signed requests to POST /discord/interactions)', () => startDiscordContractHarness({ mode: 'http' }));
