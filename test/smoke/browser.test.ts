import { expect } from '@open-wc/testing';

describe('test harness', () => {
  it('runs in a real browser with a layout engine', () => {
    const div = document.createElement('div');
    div.style.width = '123px';
    document.body.append(div);
    expect(div.getBoundingClientRect().width).to.equal(123);
    div.remove();
  });
});
