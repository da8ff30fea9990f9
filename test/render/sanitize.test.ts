import { describe, expect, it } from 'vitest';
import { sanitizeBlock, sanitizeLine } from '../../src/render/sanitize.js';

const ESC = '\u001b';

describe('sanitizeLine', () => {
  it('removes escape sequences when untrusted text tries to colour or clear the screen', () => {
    expect(sanitizeLine(`${ESC}[31mred${ESC}[0m${ESC}[2J`)).toBe('red');
  });

  it('removes a stray ESC, BEL, backspace, carriage return and C1 CSI when they are not part of a sequence', () => {
    const out = sanitizeLine(`a${ESC}b\u0007c\bd\re\u009b31mf`);
    expect(out).toBe('abcde31mf');
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('removes bidi overrides when text could display reordered', () => {
    expect(sanitizeLine('file\u202Egpj.exe')).toBe('filegpj.exe');
  });

  it('turns line breaks and tabs into spaces when the slot is one line', () => {
    expect(sanitizeLine('a\nb\r\nc\td')).toBe('a b c d');
  });

  it('keeps printable Unicode as it is', () => {
    expect(sanitizeLine('文化遺産 🎉 café')).toBe('文化遺産 🎉 café');
  });
});

describe('sanitizeBlock', () => {
  it('keeps line breaks and normalises CRLF when text is multi-line', () => {
    expect(sanitizeBlock('a\r\nb\nc')).toBe('a\nb\nc');
  });

  it('expands tabs to stops of 8 when code holds tabs', () => {
    expect(sanitizeBlock('ab\tc\n\td')).toBe('ab      c\n        d');
  });
});
