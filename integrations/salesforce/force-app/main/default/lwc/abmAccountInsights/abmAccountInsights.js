import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';
import getInsights from '@salesforce/apex/AbmInsightsController.getInsights';
import SCORE_UPDATE_EVENT from '@salesforce/schema/ABM_Score_Update__e';
import EVENT_ACCOUNT_ID from '@salesforce/schema/ABM_Score_Update__e.Account_Id__c';
import { toViewModel } from './insightsViewModel';

const GENERIC_ERROR = 'ABM insights are unavailable right now.';

/** Reads the Account id from an ABM_Score_Update__e message, with or without the package namespace. */
function eventAccountId(message) {
    const payload = (message && message.data && message.data.payload) || {};
    const field = EVENT_ACCOUNT_ID.fieldApiName;
    const key = Object.keys(payload).find((k) => k === field || k.endsWith(`__${field}`));
    return key ? payload[key] : null;
}

// 15- and 18-character forms of the same Id share the first 15 characters.
function sameRecord(a, b) {
    return Boolean(a && b) && String(a).substring(0, 15) === String(b).substring(0, 15);
}

/**
 * ABM Account Insights: score, tier, trend, reasons, buying committee, renewal window and next
 * actions, read live from the ABM service (through AbmInsightsController and the ABM_API Named
 * Credential) rather than from Account fields, so the card is never staler than the service.
 */
export default class AbmAccountInsights extends LightningElement {
    @api recordId;

    view;
    errorMessage;
    wiredResult;
    subscription;

    @wire(getInsights, { accountId: '$recordId' })
    wiredInsights(result) {
        this.wiredResult = result;
        const { data, error } = result;
        if (data) {
            try {
                this.view = toViewModel(JSON.parse(data));
                this.errorMessage = undefined;
            } catch (e) {
                this.view = undefined;
                this.errorMessage = e instanceof SyntaxError ? GENERIC_ERROR : e.message;
            }
        } else if (error) {
            this.view = undefined;
            this.errorMessage = (error.body && error.body.message) || GENERIC_ERROR;
        }
    }

    get isLoading() {
        return !this.view && !this.errorMessage;
    }

    get hasError() {
        return Boolean(this.errorMessage);
    }

    connectedCallback() {
        // Live refresh is a nice-to-have: if the streaming channel is unavailable the card still works.
        onError(() => {});
        subscribe(`/event/${SCORE_UPDATE_EVENT.objectApiName}`, -1, (message) => {
            if (sameRecord(eventAccountId(message), this.recordId)) {
                this.refresh();
            }
        })
            .then((subscription) => {
                this.subscription = subscription;
            })
            .catch(() => {});
    }

    disconnectedCallback() {
        if (this.subscription) {
            unsubscribe(this.subscription, () => {});
            this.subscription = undefined;
        }
    }

    handleRefresh() {
        this.refresh();
    }

    refresh() {
        if (this.wiredResult) {
            return refreshApex(this.wiredResult);
        }
        return Promise.resolve();
    }
}
