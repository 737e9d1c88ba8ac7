import { createElement } from 'lwc';
import AbmAccountInsights from 'c/abmAccountInsights';
import getInsights from '@salesforce/apex/AbmInsightsController.getInsights';
import { subscribe } from 'lightning/empApi';
import { refreshApex } from '@salesforce/apex';

const PAYLOAD = require('./fixtures/cardPayload.json');
const ACCOUNT_ID = '001000000000001AAA';

jest.mock(
    '@salesforce/apex/AbmInsightsController.getInsights',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

jest.mock(
    '@salesforce/apex',
    () => ({ refreshApex: jest.fn(() => Promise.resolve()) }),
    { virtual: true }
);

function mount() {
    const element = createElement('c-abm-account-insights', { is: AbmAccountInsights });
    element.recordId = ACCOUNT_ID;
    document.body.appendChild(element);
    return element;
}

const flush = () => Promise.resolve().then(() => Promise.resolve());
const q = (el, id) => el.shadowRoot.querySelector(`[data-id="${id}"]`);
const qAll = (el, sel) => Array.from(el.shadowRoot.querySelectorAll(sel));
const payloadWith = (patch) => JSON.stringify({ ...PAYLOAD, ...patch });

describe('c-abm-account-insights', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('shows a spinner until the Apex wire answers', () => {
        const el = mount();
        expect(q(el, 'loading')).not.toBeNull();
        expect(q(el, 'score')).toBeNull();
        expect(q(el, 'error')).toBeNull();
    });

    it('renders score, tier, trend, reasons, committee, renewal and next actions', async () => {
        const el = mount();
        getInsights.emit(JSON.stringify(PAYLOAD));
        await flush();

        expect(getInsights.getLastConfig()).toEqual({ accountId: ACCOUNT_ID });
        expect(q(el, 'loading')).toBeNull();
        expect(q(el, 'score').textContent).toBe('82');
        expect(q(el, 'tier').label).toBe('Tier A');
        expect(q(el, 'delta').textContent).toBe('+6');
        expect(q(el, 'freshness').textContent).toBe('updated 4 minutes ago');
        expect(q(el, 'stale')).toBeNull();
        expect(q(el, 'trend').querySelector('polyline').getAttribute('points')).toBe('0,28 60,14 120,0');

        // Top three reasons by absolute contribution, negative ones included.
        const reasons = qAll(el, '[data-id="reasons"] li').map((li) => li.textContent.replace(/\s+/g, ' ').trim());
        expect(reasons).toEqual([
            '3 buying-committee contacts visited pricing in 7 days +22',
            'Industry and size match your best customers +18',
            'Open P1 support tickets -9'
        ]);

        expect(q(el, 'coverage').textContent).toBe('60% of the buying committee covered');
        expect(q(el, 'gaps').textContent).toBe('Missing: economic_buyer, security');
        expect(q(el, 'single-threaded')).toBeNull();
        expect(qAll(el, '[data-id="members"] li')).toHaveLength(2);

        expect(q(el, 'renewal').textContent).toBe('Renews 2027-02-20 (in 87 days)');
        expect(q(el, 'renewal-window').textContent).toBe('Renewal in 3 months: start the renewal conversation');
        expect(q(el, 'churn-reason').textContent).toBe('Low churn risk (18%): 1 downgrade; offset by 2 renewals kept and customer for 2.2 years');

        // Dismissed actions are hidden; at most three are shown.
        const actions = qAll(el, '[data-id="actions"] li .slds-text-title_bold').map((d) => d.textContent);
        expect(actions).toEqual(['Book an intro with the CFO', 'Send the security whitepaper', 'Ask Dana for a referral']);
        expect(q(el, 'actions').textContent).toContain('Owner: Sam Rep · Due 2026-12-02 · Impact +5 pts');
    });

    it('shows a stale badge and the age when the service says the score is stale', async () => {
        const el = mount();
        getInsights.emit(payloadWith({ freshness: { updatedAt: '2026-11-22T08:00:00Z', ageSeconds: 3 * 86400, stale: true } }));
        await flush();

        expect(q(el, 'stale')).not.toBeNull();
        expect(q(el, 'stale').label).toBe('Stale');
        expect(q(el, 'freshness').textContent).toBe('updated 3 days ago');
    });

    it('warns about single-threaded deals and shows an empty state without actions', async () => {
        const el = mount();
        getInsights.emit(
            payloadWith({
                committee: { coverage: 0.2, members: [], missingRoles: [], singleThreaded: true },
                nextActions: []
            })
        );
        await flush();

        expect(q(el, 'single-threaded')).not.toBeNull();
        expect(q(el, 'gaps')).toBeNull();
        expect(q(el, 'no-actions').textContent).toBe('No open actions.');
    });

    it('shows the message of an Apex error', async () => {
        const el = mount();
        getInsights.error({ message: 'The ABM service has no insights for this account yet.' });
        await flush();

        expect(q(el, 'error').textContent).toBe('The ABM service has no insights for this account yet.');
        expect(q(el, 'score')).toBeNull();
        expect(q(el, 'loading')).toBeNull();
    });

    it('treats an unparseable answer as an error instead of crashing', async () => {
        const el = mount();
        getInsights.emit('<html>gateway timeout</html>');
        await flush();

        expect(q(el, 'error').textContent).toBe('ABM insights are unavailable right now.');
    });

    it('refreshes when a score-update event arrives for this account only', async () => {
        const el = mount();
        getInsights.emit(JSON.stringify(PAYLOAD));
        await flush();

        expect(subscribe).toHaveBeenCalledTimes(1);
        const [channel, , onMessage] = subscribe.mock.calls[0];
        expect(channel).toBe('/event/ABM_Score_Update__e');

        onMessage({ data: { payload: { abmx__Account_Id__c: '001000000000999AAA' } } });
        expect(refreshApex).not.toHaveBeenCalled();

        // 15-character form of the same Id, with the package namespace on the field.
        onMessage({ data: { payload: { abmx__Account_Id__c: ACCOUNT_ID.substring(0, 15) } } });
        expect(refreshApex).toHaveBeenCalledTimes(1);
        expect(q(el, 'score').textContent).toBe('82');
    });

    it('refreshes on the Refresh button', async () => {
        const el = mount();
        getInsights.emit(JSON.stringify(PAYLOAD));
        await flush();

        q(el, 'refresh').click();
        expect(refreshApex).toHaveBeenCalledTimes(1);
    });
});
