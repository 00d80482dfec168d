// Templates written to hurt the process that renders them; shared by the tests and the benchmark.

const doubling = (steps: number, body: string) =>
  `{% assign s = "xxxxxxxxxx" %}{% for i in (1..${steps}) %}${body}{% endfor %}{{ s | size }}`;

/** Refused at save: they would read a file. */
export const FILE_READING_TEMPLATES = {
  include: "{% include 'package.json' %}",
  render: "{% render 'package.json' %}",
  layout: "{% layout 'package.json' %}body",
  absoluteInclude: "{% include '/etc/passwd' %}",
  includeInLiquidTag: "{% liquid\n  include 'package.json'\n%}",
  dynamicInclude: '{% assign f = "package.json" %}{% include f %}',
};

/** They parse, so they pass save; rendering them must fail within a bound without harming the process. */
export const EXPENSIVE_TEMPLATES = {
  hugeRange: '{% for i in (1..1000000000) %}{% endfor %}',
  hugeTablerow: '{% tablerow i in (1..1000000000) %}{% endtablerow %}',
  longEmptyLoop: '{% for i in (1..4900000) %}{% endfor %}',
  nestedLoops:
    '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}',
  appendDoubling: doubling(40, '{% assign s = s | append: s %}'),
  captureDoubling: doubling(40, '{% capture s %}{{ s }}{{ s }}{% endcapture %}'),
  replaceGrowth: doubling(12, '{% assign s = s | replace: "x", s %}'),
  arrayDoubling:
    '{% assign a = "x,y" | split: "," %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}',
  hugeDatePadding: '{{ "now" | date: "%1000000000Y" }}',
  hugeTruncateInput: doubling(22, '{% assign s = s | append: s %}') + '{{ s | truncatewords: 1000000000 }}',
  stripHtmlOnHugeInput:
    '{% assign s = "<script" %}{% for i in (1..22) %}{% assign s = s | append: s %}{% endfor %}{{ s | strip_html | size }}',
  hugeTimes:
    '{{ 1e308 | times: 1e308 }}{% for i in (1..100000) %}{{ i | times: 1000000000 | append: "xxxxxxxxxxxxxxxxxxxxxxxx" }}{% endfor %}',
};
