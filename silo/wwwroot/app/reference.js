// Published reference points (see docs/DESIGN and METRICS-SPEC section 5 for the sources):
// what customers expect and what brands on average deliver, so a team sees where it stands.
export const reference = {
  expectReplyWithinHour: 0.53,
  expectReplyWithinHourComplaints: 0.72,
  averageResponseRate: 0.42,
  averageReplySeconds: 4 * 3600,
};

// Judges a brand's figure against the reference points: 'good', 'bad' or '' (neither).
export function judge(field, value) {
  if (value == null) return '';
  switch (field) {
    case 'responseRate': return value >= reference.averageResponseRate ? 'good' : 'bad';
    case 'slaRate': return value >= reference.expectReplyWithinHour ? 'good' : 'bad';
    case 'complaintSlaRate': return value >= reference.expectReplyWithinHourComplaints ? 'good' : 'bad';
    case 'frtP50':
    case 'frtP90': return value <= 3600 ? 'good' : value > reference.averageReplySeconds ? 'bad' : '';
    case 'oldestWaitSeconds': return value <= 3600 ? '' : 'bad';
    default: return '';
  }
}
