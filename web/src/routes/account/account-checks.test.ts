import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '@skillway/core';
import { apiField, emailIssue, issuesOf, newPasswordIssue, signInProblem } from './account-checks';

describe('account checks', () => {
  it('says the same for a wrong address and a wrong password, and clearly when it is the rate limit', () => {
    expect(signInProblem(401)).toBe('The e-mail address or the password is wrong.');
    expect(signInProblem(400)).toBe(signInProblem(401));
    expect(signInProblem(429)).toBe('Too many attempts. Please wait a minute and try again.');
    expect(signInProblem(undefined)).toContain('not available right now');
  });

  it('checks an e-mail address and a new password as the API does', () => {
    expect(emailIssue('')).toBe('This field is required.');
    expect(emailIssue('someone@')).toBe('Enter an e-mail address like name@example.org.');
    expect(emailIssue(' someone@example.org ')).toBeNull();
    expect(newPasswordIssue('x'.repeat(PASSWORD_MIN_LENGTH - 1))).toBe(
      `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    );
    // Characters, not UTF-16 units: twelve emoji are twelve characters.
    expect(newPasswordIssue('🔑'.repeat(PASSWORD_MIN_LENGTH))).toBeNull();
    expect(issuesOf({ email: null, password: 'bad' })).toEqual({ password: 'bad' });
    expect(apiField('body.new_password')).toBe('new_password');
  });
});
