import { type Centre, WEEKDAYS, type Weekday } from '../registry/centre.ts';

const SHORT_DAYS: Record<Weekday, string> = {
  monday: 'lun.',
  tuesday: 'mar.',
  wednesday: 'mer.',
  thursday: 'jeu.',
  friday: 'ven.',
  saturday: 'sam.',
  sunday: 'dim.',
};

/**
 * Opening hours on one or two lines, for a sheet that must fit on paper: consecutive days with the
 * same hours are joined ("lun.–ven. 9h-17h"); the hours themselves stay as the source wrote them.
 */
export function compactHours(centre: Pick<Centre, 'opening_hours'>): string[] {
  const runs: Array<{ first: Weekday; last: Weekday; hours: string }> = [];
  for (const day of WEEKDAYS) {
    const hours = centre.opening_hours[day];
    if (!hours) continue;
    const previous = runs.at(-1);
    const adjacent = previous && WEEKDAYS.indexOf(previous.last) === WEEKDAYS.indexOf(day) - 1;
    if (previous && adjacent && previous.hours === hours) previous.last = day;
    else runs.push({ first: day, last: day, hours });
  }
  return runs.map(({ first, last, hours }) => {
    const days =
      first === last
        ? SHORT_DAYS[first]
        : WEEKDAYS.indexOf(last) - WEEKDAYS.indexOf(first) === 1
          ? `${SHORT_DAYS[first]}, ${SHORT_DAYS[last]}`
          : `${SHORT_DAYS[first]}–${SHORT_DAYS[last]}`;
    return `${days} ${hours}`;
  });
}
