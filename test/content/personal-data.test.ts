import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../content/personal-data.ts';

describe('redactPersonalData', () => {
  it('replaces email addresses, Japanese ones and sub-domains included', () => {
    expect(redactPersonalData('reset for aki.tanaka+kb@mail.example.co.jp please')).toBe('reset for [email] please');
    expect(redactPersonalData('山田@例え.jp に届かない')).toBe('[email] に届かない');
  });

  it('replaces card numbers that pass the Luhn check, with or without separators, full-width too', () => {
    expect(redactPersonalData('card 4111 1111 1111 1111 declined')).toBe('card [card] declined');
    expect(redactPersonalData('4111-1111-1111-1111')).toBe('[card]');
    expect(redactPersonalData('カード４１１１１１１１１１１１１１１１が使えない')).toBe('カード[card]が使えない');
  });

  it('replaces phone numbers and long digit runs, keeps short numbers, codes and versions', () => {
    expect(redactPersonalData('call me at 090-1234-5678')).toBe('call me at [phone]');
    expect(redactPersonalData('+81 3 1234 5678 が不通')).toBe('[phone] が不通');
    expect(redactPersonalData('order 123456789012')).toBe('order [number]');
    expect(redactPersonalData('error E1234 on v2.3.1, 5 GB over 30 days')).toBe('error E1234 on v2.3.1, 5 GB over 30 days');
    expect(redactPersonalData('LED blinks 3 times')).toBe('LED blinks 3 times');
    expect(redactPersonalData('2026-12-02')).toBe('2026-12-02');
  });
});
