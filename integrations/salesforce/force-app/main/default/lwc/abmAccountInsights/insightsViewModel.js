/**
 * Pure mapping from the ABM card payload (src/write-back/card/card-payload.schema.json in the service)
 * to what the template shows. LWC templates cannot evaluate expressions, so every label, class and
 * flag is computed here; keeping it free of LWC imports makes it easy to test.
 */

const MAX_REASONS = 3; // reps need to explain a score in ~10 seconds: three reasons, not twelve
const MAX_ACTIONS = 3;
const ACTIVE_STATUSES = ['open', 'accepted'];
const TREND_WIDTH = 120;
const TREND_HEIGHT = 28;

const WINDOW_LABELS = {
    'T-180': 'Renewal in 6 months: plan the expansion story',
    'T-120': 'Renewal in 4 months: confirm champions',
    'T-90': 'Renewal in 3 months: start the renewal conversation',
    'T-60': 'Renewal in 2 months: close open risks'
};

function plural(n, unit) {
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "updated 4 minutes ago" from the service's ageSeconds (server clock, so no client-skew issues). */
export function relativeAge(ageSeconds) {
    if (typeof ageSeconds !== 'number' || !Number.isFinite(ageSeconds) || ageSeconds < 0) {
        return 'update time unknown';
    }
    if (ageSeconds < 60) return 'updated just now';
    const minutes = Math.floor(ageSeconds / 60);
    if (minutes < 60) return `updated ${plural(minutes, 'minute')} ago`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return `updated ${plural(hours, 'hour')} ago`;
    return `updated ${plural(Math.floor(hours / 24), 'day')} ago`;
}

function signed(n) {
    if (typeof n !== 'number' || !Number.isFinite(n)) return '';
    const rounded = Math.round(n * 10) / 10;
    return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

/** SVG polyline points for the score trend, oldest to newest; empty when fewer than 2 points. */
export function trendPoints(trend) {
    const pts = (trend || []).filter((p) => p && typeof p.value === 'number');
    if (pts.length < 2) return '';
    const sorted = [...pts].sort((a, b) => String(a.at).localeCompare(String(b.at)));
    const values = sorted.map((p) => p.value);
    const min = Math.min(...values);
    const span = Math.max(...values) - min || 1;
    const step = TREND_WIDTH / (sorted.length - 1);
    return sorted
        .map((p, i) => {
            const x = Math.round(i * step * 10) / 10;
            const y = Math.round((TREND_HEIGHT - ((p.value - min) / span) * TREND_HEIGHT) * 10) / 10;
            return `${x},${y}`;
        })
        .join(' ');
}

function committeeView(committee) {
    const c = committee || {};
    const coverage = typeof c.coverage === 'number' ? Math.round(c.coverage * 100) : null;
    const members = (c.members || []).map((m) => ({
        key: m.contactId,
        name: m.name,
        detail: [m.role, m.title].filter(Boolean).join(' · '),
        engagedLabel: m.engaged ? 'Engaged' : 'Not engaged',
        engagedClass: m.engaged ? 'slds-badge slds-theme_success' : 'slds-badge'
    }));
    const missingRoles = c.missingRoles || [];
    return {
        coverageLabel: coverage === null ? 'Coverage unknown' : `${coverage}% of the buying committee covered`,
        members,
        hasMembers: members.length > 0,
        missingRoles: missingRoles.join(', '),
        hasGaps: missingRoles.length > 0,
        singleThreaded: c.singleThreaded === true
    };
}

function renewalView(loyalty) {
    const l = loyalty || {};
    const r = l.renewal || {};
    const days = typeof r.daysToRenewal === 'number' ? r.daysToRenewal : null;
    return {
        loyaltyLabel: typeof l.score === 'number' ? `Loyalty ${Math.round(l.score)}` : 'Loyalty unknown',
        tenureLabel: typeof l.tenureMonths === 'number' ? `Customer for ${plural(l.tenureMonths, 'month')}` : '',
        churnRiskLabel: typeof l.churnRisk === 'number' ? `Churn risk ${Math.round(l.churnRisk * 100)}%` : '',
        highChurnRisk: typeof l.churnRisk === 'number' && l.churnRisk >= 0.5,
        // What drives the risk, in words; older service versions send none.
        churnReason: typeof l.churnRiskReason === 'string' ? l.churnRiskReason : '',
        hasChurnReason: typeof l.churnRiskReason === 'string' && l.churnRiskReason.length > 0,
        churnReasonClass: typeof l.churnRisk === 'number' && l.churnRisk >= 0.5 ? 'slds-text-body_small slds-text-color_error' : 'slds-text-body_small slds-text-color_weak',
        renewalLabel: r.nextRenewalDate ? `Renews ${r.nextRenewalDate}${days !== null ? ` (in ${plural(days, 'day')})` : ''}` : 'No renewal on file',
        inWindow: Boolean(r.window),
        windowLabel: r.window ? WINDOW_LABELS[r.window] || r.window : ''
    };
}

function actionsView(nextActions) {
    return (nextActions || [])
        .filter((a) => ACTIVE_STATUSES.includes(a.status))
        .slice(0, MAX_ACTIONS)
        .map((a) => ({
            key: a.id,
            action: a.action,
            reason: a.reason,
            meta: [
                a.owner ? `Owner: ${a.owner}` : null,
                a.dueDate ? `Due ${a.dueDate}` : null,
                typeof a.expectedImpact === 'number' ? `Impact ${signed(a.expectedImpact)} pts` : null,
                a.status === 'accepted' ? 'Accepted' : null
            ]
                .filter(Boolean)
                .join(' · ')
        }));
}

/** Maps a parsed card payload to the template's view model. Throws on a payload without a score. */
export function toViewModel(payload) {
    if (!payload || !payload.score || typeof payload.score.value !== 'number') {
        throw new Error('The ABM service sent an unexpected answer.');
    }
    const score = payload.score;
    const freshness = payload.freshness || {};
    const reasons = [...(payload.topReasons || [])]
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
        .slice(0, MAX_REASONS)
        .map((r, i) => ({
            key: `${r.factor}-${i}`,
            text: r.text,
            contribution: signed(r.contribution),
            contributionClass: r.contribution < 0 ? 'slds-text-color_error' : 'slds-text-color_success'
        }));
    const actions = actionsView(payload.nextActions);
    return {
        accountName: payload.account ? payload.account.name : '',
        score: Math.round(score.value),
        tier: score.tier || '–',
        tierLabel: score.tier ? `Tier ${score.tier}` : 'No tier',
        delta: signed(score.delta),
        hasDelta: typeof score.delta === 'number' && score.delta !== 0,
        deltaClass: score.delta < 0 ? 'slds-text-color_error' : 'slds-text-color_success',
        deltaReasons: (score.deltaReasons || []).join('; '),
        trendPoints: trendPoints(score.trend),
        hasTrend: trendPoints(score.trend) !== '',
        reasons,
        hasReasons: reasons.length > 0,
        committee: committeeView(payload.committee),
        renewal: renewalView(payload.loyalty),
        actions,
        hasActions: actions.length > 0,
        freshnessLabel: relativeAge(freshness.ageSeconds),
        stale: freshness.stale === true
    };
}
