import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { nextWindows } from '../../../shared/no-calls/next-windows';
import { daylightSavingNotes, describeAbsent, formatRange } from '../../../shared/no-calls/format-windows';

/** The next three monitored windows, in the schedule's zone and in the viewer's. */
export function NextWindows({ schedule, now, viewerZone }: { schedule: unknown; now: number; viewerZone: string }) {
  const next = nextWindows(schedule, now, 3);
  if (!next) return <Typography variant="body2">Choose a valid time zone to see the next windows.</Typography>;
  if (next.windows.length === 0)
    return <Typography variant="body2">No upcoming windows: add a valid window to see them here.</Typography>;
  const zone = next.timeZone;
  const sameZone = zone === viewerZone;
  return (
    <Box>
      <Table size="small" aria-label="Next monitored windows">
        <TableHead>
          <TableRow>
            <TableCell>Schedule time ({zone})</TableCell>
            {!sameZone && <TableCell>Your time ({viewerZone})</TableCell>}
            <TableCell>Alert after</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {next.windows.map((w) => {
            const notes = daylightSavingNotes(w, zone);
            return (
              <TableRow key={`${w.date}-${w.periodIndex}`}>
                <TableCell>
                  {formatRange(w.start, w.end, zone)}{' '}
                  {w.inProgress && <Chip size="small" label="now" color="primary" variant="outlined" />}
                  {notes.map((note) => (
                    <Typography key={note} variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
                      {note}
                    </Typography>
                  ))}
                </TableCell>
                {!sameZone && (
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatRange(w.start, w.end, viewerZone)}</TableCell>
                )}
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {w.timeFrame === undefined ? '—' : `${w.timeFrame} min`}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {next.absent.map((absent) => (
        <Typography
          key={`${absent.date}-${absent.periodIndex}`}
          variant="body2"
          color="text.secondary"
          sx={{ mt: 1, fontStyle: 'italic' }}
        >
          {describeAbsent(absent)}
        </Typography>
      ))}
    </Box>
  );
}
