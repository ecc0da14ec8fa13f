import { count, percent, duration, decimal } from './format.js';

// The spec's fields as the page shows them: the field name is the label (one name per concept,
// METRICS-SPEC section 4), with a plain-language hint beside it.
export const fields = {
  opened: { hint: 'customer conversations started', format: count },
  responded: { hint: 'answered within the horizon (24 h)', format: count },
  withinSla: { hint: 'answered within the SLA (1 h)', format: count },
  pending: { hint: 'not answered yet, still young', format: count },
  unanswered: { hint: 'never answered within the horizon', format: count },
  responseRate: { hint: 'share answered within 24 h', format: percent },
  slaRate: { hint: 'share answered within 1 h', format: percent },
  frtP50: { hint: 'median first reply time', format: duration },
  frtP90: { hint: '9 in 10 first replies within', format: duration },
  frtP99: { hint: '99 in 100 first replies within', format: duration },
  backlog: { hint: 'customers waiting now', format: count },
  oldestWaitSeconds: { hint: 'longest wait right now', format: duration },
  expectedUnfollows: { hint: 'customers likely lost to waiting', format: v => decimal(v, 2) },
  expectedAmplification: { hint: 'expected public complaints', format: v => decimal(v, 2) },
  inbound: { hint: 'customer messages', format: count },
  outbound: { hint: 'brand replies', format: count },
  responseTimeMeanSeconds: { hint: 'mean reply time', format: duration },
  complaints: { hint: 'conversations opened with a complaint', format: count },
  complaintResponseRate: { hint: 'complaints answered within 24 h', format: percent },
  complaintSlaRate: { hint: 'complaints answered within their SLA (1 h)', format: percent },
  expectationMet: { hint: 'customers whose expectation the reply met', format: percent },
  engagementGap: { hint: 'customers whose expectation was missed', format: percent },
  cannedShare: { hint: 'replies that repeat a template', format: percent },
  followUpRateCanned: { hint: 'customer wrote again after a canned reply', format: percent },
  followUpRatePersonal: { hint: 'customer wrote again after a written reply', format: percent },
  observedUnfollows: { hint: 'customers seen unfollowing after their conversation', format: count },
  calibratedPUnfollow: { hint: 'unfollow rate learnt from this brand (survey: 56%)', format: percent },
};

export function show(name, value) {
  return fields[name].format(value);
}
