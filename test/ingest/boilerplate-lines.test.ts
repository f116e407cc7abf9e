import { describe, expect, it } from 'vitest';
import { dropBoilerplateParagraphs } from '../../src/ingest/boilerplate-lines.js';

const body = [
  'The mayor announced a new plan for the harbour on Monday, promising 300 new homes by 2027.',
  'Opposition councillors said the plan did not include enough social housing for families.',
  'The council will vote on the proposal at its next meeting in May, officials said.',
  'Residents can comment on the plan until the end of April on the city website.',
  'Construction would start next year if the council approves the proposal.',
];

describe('dropBoilerplateParagraphs', () => {
  it('drops date stamps, bylines with dates, site controls and a repeated title', () => {
    const paragraphs = ['Harbour plan unveiled', 'Updated: Nov 19, 2019 9:41 AM', 'By Jane Smith - 11/18/19 11:04 PM EST', 'Advertisement', ...body, 'Share this article', 'Most read', 'Tags: harbour, housing, council, city planning', 'Nov. 20, 2019 5:52 AM EST', '(Image: © Shutterstock)', 'Image copyright Getty Images'];
    expect(dropBoilerplateParagraphs(paragraphs, 'Harbour plan unveiled')).toEqual(body);
  });

  it('drops calls to action at the end but keeps them in the body of the story', () => {
    const tail = 'Sign up for our daily newsletter to get the latest news.';
    expect(dropBoilerplateParagraphs([tail, ...body, tail])).toEqual([tail, ...body]);
  });

  it('keeps short article sentences that only look like stamps', () => {
    const paragraphs = ['Updated figures are expected next week.', 'By the end of the day, 40 people had been rescued.', 'Weekdays: 7:00 to 22:00', 'Revenue was 12.50 billion euros in 2019.', 'Photographers were kept behind a fence.', ...body];
    expect(dropBoilerplateParagraphs(paragraphs)).toEqual(paragraphs);
  });
});
