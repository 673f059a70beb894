import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { configErrorOf, yaml } from './helpers.js';

describe('self_service_channels', () => {
  it('reads the list, each value trimmed (case is compared later, ignoring it)', () => {
    const config = parseConfigText(yaml('self_service_channels: [portal, " Chatbot ", knowledge base]'), 'xla.config.yml');
    expect(config.selfServiceChannels).toEqual(['portal', 'Chatbot', 'knowledge base']);
  });

  it('is an empty list when absent', () => {
    expect(parseConfigText('title: T\n', 'xla.config.yml').selfServiceChannels).toEqual([]);
  });

  it('names a misspelt key and suggests the right one', () => {
    expect(configErrorOf(yaml('self_service_channel: [portal]')).message).toBe(
      'xla.config.yml:1:1: unknown key "self_service_channel" (did you mean "self_service_channels"?)',
    );
  });

  it('refuses what is not a list of channel values, naming the key', () => {
    expect(configErrorOf(yaml('self_service_channels: portal')).message).toBe(
      'xla.config.yml:1:24: self_service_channels: expected a list of channel values such as [portal, chatbot], got "portal"',
    );
    expect(configErrorOf(yaml('self_service_channels: []')).message).toBe(
      'xla.config.yml:1:24: self_service_channels: list at least one channel, e.g. [portal, chatbot]',
    );
    expect(configErrorOf(yaml('self_service_channels: [portal, "  "]')).message).toBe(
      'xla.config.yml:1:33: self_service_channels[1]: must not be empty',
    );
    // a cell "chatbot, email" names two channels: a listed value with a comma could never match
    expect(configErrorOf(yaml('self_service_channels: ["chatbot, email"]')).message).toBe(
      'xla.config.yml:1:25: self_service_channels[0]: one channel per entry: , and ; separate channels, e.g. [portal, chatbot]',
    );
  });
});
