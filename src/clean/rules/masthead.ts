
const TEMPERATURE = /^-?\d{1,3}\s*°\s*[CF]?(?:\s*[/|~-]\s*-?\d{1,3}\s*°\s*[CF]?)*$/i;
const CONDITION =
  /^(?:weather|clear sky|clear|sunny|mostly sunny|partly sunny|few clouds|scattered clouds|broken clouds|overcast clouds|overcast|cloudy|partly cloudy|mostly cloudy|shower rain|light rain|moderate rain|heavy rain|rain|showers|drizzle|thunderstorm|thunderstorms|snow|light snow|heavy snow|sleet|mist|haze|fog|dust|sand|smoke|windy)$/i;
const WEATHER_READING = /^(?:humidity|wind|feels like|uv index|precipitation)\s*:?\s*[\d-]/i;
const HIJRI =
  /\b(?:Muharram|Safar|Rabi[‘'`]?\s?al|Jumada|Rajab|Sha[‘'`]?ban|Ramadan|Shawwal|Dhu[‘'`]?\s?al)\b.{0,30}\b1[34]\d\d\b|\b1[34]\d\d\s*(?:H|AH)\b/i;
const EDITOR = /^(?:editor[- ]in[- ]chief|chief editor|editor|managing editor|publisher|founder)\s*[-–—:,]/i;

/** Weather widget lines of a page header: "broken clouds", "19°C / 19°C", "Humidity: 40%". */
export function isWeatherLine(line: string): boolean {
  return TEMPERATURE.test(line) || CONDITION.test(line) || WEATHER_READING.test(line);
}

/** Masthead lines: a date with the Hijri calendar, "EDITOR IN CHIEF- NAME". */
export function isMastheadLine(line: string, words: number): boolean {
  if (line.length > 150 || words > 15) return false;
  return HIJRI.test(line) || EDITOR.test(line);
}
