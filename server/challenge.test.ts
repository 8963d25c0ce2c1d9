import { describe, expect, it } from 'vitest';
import { solveChallenge } from '../crypto/pow.ts';
import { CHALLENGE_LIFETIME_S, ChallengeBook, challengeLifetimeS } from './challenge.ts';

const secret = new Uint8Array(32).fill(1);
const T = 1_790_000_000;

describe('ChallengeBook', () => {
  it('accepts a solved challenge once', async () => {
    const book = new ChallengeBook(secret);
    const { challenge, difficulty } = book.issue(6, T + 5);
    const nonce = solveChallenge(challenge, difficulty);
    expect(await book.redeem(challenge, nonce, T + 6)).toEqual({ ok: true, sizeClass: 0, kind: 'story' });
    expect(await book.redeem(challenge, nonce, T + 7)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses challenges signed with another secret or edited', async () => {
    const book = new ChallengeBook(secret);
    const other = new ChallengeBook(new Uint8Array(32).fill(2));
    const { challenge } = other.issue(0, T + 5);
    expect(await book.redeem(challenge, '0', T + 6)).toEqual({ ok: false, reason: 'invalid' });
    const own = book.issue(0, T + 5).challenge;
    expect(await book.redeem(`${own}x`, '0', T + 6)).toEqual({ ok: false, reason: 'invalid' });
    expect(await book.redeem(`${own}.extra`, '0', T + 6)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires challenges after their lifetime', async () => {
    const book = new ChallengeBook(secret);
    const { challenge, expiresAt } = book.issue(0, T + 5);
    expect(expiresAt).toBe(T + 5 + CHALLENGE_LIFETIME_S);
    expect(await book.redeem(challenge, '0', expiresAt + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it('carries the size class it was priced for, under the MAC', async () => {
    const book = new ChallengeBook(secret);
    const { challenge } = book.issue(0, T + 5, 3);
    expect(await book.redeem(challenge, '0', T + 6)).toEqual({ ok: true, sizeClass: 3, kind: 'story' });
    const [payload, mac] = book.issue(0, T + 5, 0).challenge.split('.');
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), s: 8 })).toString('base64url');
    expect(await book.redeem(`${edited}.${mac}`, '0', T + 6)).toEqual({ ok: false, reason: 'invalid' });
    // Nor can the kind be changed: an upload's cheaper price never pays for a story.
    const [uploadPayload, uploadMac] = book.issue(0, T + 5, 3, 'upload').challenge.split('.');
    const asStory = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(uploadPayload!, 'base64url').toString()), k: 'story' })).toString('base64url');
    expect(await book.redeem(`${asStory}.${uploadMac}`, '0', T + 6)).toEqual({ ok: false, reason: 'invalid' });
    expect(await book.redeem(`${uploadPayload}.${uploadMac}`, '0', T + 6)).toEqual({ ok: true, sizeClass: 3, kind: 'upload' });
  });

  it('gives hard challenges time for a slow client to solve them, at most a day', () => {
    expect(challengeLifetimeS(16)).toBe(CHALLENGE_LIFETIME_S);
    expect(challengeLifetimeS(24)).toBe(Math.ceil((4 * 2 ** 24) / 10_000));
    expect(challengeLifetimeS(32)).toBe(24 * 3600);
    const book = new ChallengeBook(secret);
    expect(book.issue(24, T).expiresAt).toBe(T + challengeLifetimeS(24));
  });

  it('treats challenges from before a restart as expired, whatever the clock did', async () => {
    const before = new ChallengeBook(secret);
    const issued = before.issue(0, T + 10).challenge;
    const restarted = new ChallengeBook(secret); // same secret, new process
    // The clock stepped back 30 s across the restart: the old challenge still does not count.
    expect(await restarted.redeem(issued, '0', T - 20)).toEqual({ ok: false, reason: 'expired' });
    const fresh = restarted.issue(0, T - 20).challenge;
    expect(await restarted.redeem(fresh, '0', T - 19)).toEqual({ ok: true, sizeClass: 0, kind: 'story' });
  });
});
