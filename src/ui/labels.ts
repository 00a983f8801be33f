/**
 * Names of core codes on screen: each code maps to one i18n key, built here and nowhere else, so
 * the locale test can enumerate every code and prove its key exists in every language.
 */
import type { DisputeReason } from '../core/evidence';
import type { NextStepId, Stage } from '../core/journey';
import type { ActionId, Confidence, Urgency, WindowKind, WindowNote, WindowState } from '../core/ladder';
import type { OrderStatus, SourceKind } from '../core/model';
import { t } from './i18n';

const key = (prefix: string, code: string) => `${prefix}_${code.replaceAll('-', '_')}`;

export const kindKey = (kind: WindowKind) => key('kind', kind);
export const actionKey = (action: ActionId) => key('action', action);
export const statusKey = (status: OrderStatus | undefined) => key('status', status ?? 'unknown');
export const confidenceKey = (c: Confidence) => key('confidence', c);
export const urgencyKey = (u: Urgency) => key('urgency', u);
export const stateKey = (s: WindowState) => key('state', s);
export const windowNoteKey = (n: WindowNote) => key('note', n);
export const pageKey = (p: SourceKind) => key('page', p);
export const reasonKey = (r: DisputeReason) => key('reason', r);
export const journeyStageKey = (s: Stage) => key('stage', s);
export const stepKey = (s: NextStepId) => key('step', s);

export const kindLabel = (kind: WindowKind) => t(kindKey(kind));
export const actionLabel = (action: ActionId) => t(actionKey(action));
export const statusLabel = (status: OrderStatus | undefined) => t(statusKey(status));
export const reasonLabel = (r: DisputeReason) => t(reasonKey(r));
