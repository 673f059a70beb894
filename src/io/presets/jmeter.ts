import { ms } from '../../fields/kinds/define.js';
import type { Preset } from './types.js';

/**
 * Apache JMeter results in the CSV format (`jmeter -n -t plan.jmx -l results.jtl`, the default
 * `jmeter.save.saveservice.output_format=csv`; jmeter.apache.org/usermanual/listeners.html, "CSV
 * log format"). One row a sample (a request). The default header is timeStamp, elapsed, label,
 * responseCode, responseMessage, threadName, dataType, success, failureMessage, bytes, sentBytes,
 * grpThreads, allThreads, URL, Latency, IdleTime, Connect; saving fewer fields drops columns, so
 * the signature is the few every results file keeps.
 *
 * `elapsed` is the response time in milliseconds (first byte sent to last byte received);
 * `Latency` is the time to the first byte and `Connect` the connection time, both in ms and both
 * part of elapsed: they are not the response time, so the preset's name wins over the generic
 * `latency`. `timeStamp` is the sample's start in Unix milliseconds (or the layout of
 * `jmeter.save.saveservice.timestamp_format`), read by the usual date detection. `success` is
 * JMeter's verdict on the sample, assertions included: a failed sample is an error and frustrated
 * in Apdex.
 */
export const JMETER: Preset = {
  id: 'jmeter',
  name: 'JMeter results (CSV)',
  kind: 'analytics',
  signature: [
    ['timeStamp', 'elapsed', 'label', 'responseCode', 'success'],
    ['timeStamp', 'elapsed', 'label', 'success'],
    ['timeStamp', 'elapsed', 'label'],
  ],
  aliases: {
    timestamp: ['timeStamp'],
    response_time: [ms('elapsed')],
    success: ['success'],
  },
  note:
    'elapsed is the response time in ms (Latency, time to first byte, is not); success is the sample verdict, assertions included. ' +
    'Score per request with --by label. JMeter also writes XML results: save them as CSV (jmeter.save.saveservice.output_format=csv).',
};
