import { describe, expect, it } from 'vitest';
import { newReviewState, type ReviewState } from '../review-state.ts';
import { serverStatusOf } from './status-push.ts';

const state = (fields: Partial<ReviewState>): ReviewState => ({ ...newReviewState('x'), ...fields });

describe('serverStatusOf: what the author is told', () => {
  it('says "published" only for a story export has written out', () => {
    expect(serverStatusOf(state({ status: 'new' }))).toBeNull();
    expect(serverStatusOf(state({ status: 'anonymised' }))).toBe('in_review');
    expect(serverStatusOf(state({ status: 'approved' }))).toBe('in_review');
    expect(serverStatusOf(state({ status: 'approved', exported: false }))).toBe('in_review');
    expect(serverStatusOf(state({ status: 'approved', exported: true }))).toBe('published');
    expect(serverStatusOf(state({ status: 'rejected' }))).toBe('declined');
    expect(serverStatusOf(state({ status: 'rejected', exported: true }))).toBe('declined');
  });
});
