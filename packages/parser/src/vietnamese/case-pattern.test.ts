import { describe, it, expect } from 'vitest';
import { applyCasePattern, casePatternOf } from './case-pattern.js';

describe('case patterns', () => {
  it('classifies word shapes', () => {
    expect(casePatternOf('CAC')).toBe('upper');
    expect(casePatternOf('Đ')).toBe('upper');
    expect(casePatternOf('nhiem')).toBe('lower');
    expect(casePatternOf('Nhiem')).toBe('title');
    expect(casePatternOf('TTg')).toBe('mixed');
    expect(casePatternOf('2025')).toBe('none');
  });

  it('carries the shape of OCR text over to the restored word', () => {
    const garbled = 'CAC NHIEM VU VA GIAI PHAP Trién khai';
    const restored = 'các nhiệm vụ và giải pháp triển khai';
    const out = garbled.split(' ').map((w, i) => applyCasePattern(w, restored.split(' ')[i])).join(' ');
    expect(out).toBe('CÁC NHIỆM VỤ VÀ GIẢI PHÁP Triển khai');
    expect(applyCasePattern('ViET', 'việt')).toBe('ViỆT');
    expect(applyCasePattern('DPoc', 'độc')).toBe('độc'); // mixed shape of another length: keep the word
    expect(applyCasePattern('57', 'năm')).toBe('năm');
  });
});
