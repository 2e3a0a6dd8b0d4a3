import { useState } from 'react';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { CallLog } from '../../../shared/schemas/call-log';
import { describeRule } from '../../../shared/rubric/describe';
import type { Flip } from '../../../shared/rubric/impact';
import { ruleNumber } from '../../../shared/rubric/rule';
import type { MetricCatalog } from '../../api/metrics';
import { callTime } from './format';
import { visuallyHidden } from '../../app/SectionLinks';

const PAGE = 25;

/** The calls whose outcome the draft changes, each with the rule that decides it. */
export function FlipList({
  flips,
  catalog,
  timeZone,
  onTry,
}: {
  onTry(call: CallLog): void;
  flips: Flip<CallLog>[];
  catalog: MetricCatalog | undefined;
  timeZone?: string;
}) {
  const [shown, setShown] = useState(PAGE);
  if (!flips.length) {
    return (
      <Typography variant="body2" sx={{ mt: 2 }}>
        No call changes outcome with this draft.
      </Typography>
    );
  }
  const metrics = catalog?.byId ?? null;
  return (
    <>
      <TableContainer sx={{ mt: 2 }}>
        <Table size="small" aria-label="Calls that change outcome">
          <TableHead>
            <TableRow>
              <TableCell>Time</TableCell>
              <TableCell>Agent</TableCell>
              <TableCell>Customer number</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Deciding rule</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  Try on a call
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {flips.slice(0, shown).map((flip) => (
              <TableRow key={flip.call.id}>
                <TableCell>{callTime(flip.call.timestamp, timeZone)}</TableCell>
                <TableCell>
                  {flip.call.agent_name ?? (flip.call.agent != null ? `Agent #${flip.call.agent}` : '—')}
                </TableCell>
                <TableCell>{flip.call.customer_number || '—'}</TableCell>
                <TableCell>{flip.direction === 'pass-to-fail' ? 'Passed, now fails' : 'Failed, now passes'}</TableCell>
                <TableCell>
                  {flip.rubric === 'draft'
                    ? `Fails draft rule ${ruleNumber(flip.ruleIndex)}: `
                    : `No longer fails saved rule ${ruleNumber(flip.ruleIndex)}: `}
                  {describeRule(flip.rule, metrics)}
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => onTry(flip.call)} aria-label={`Try call ${flip.call.id}`}>
                    Try
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {flips.length > shown && (
        <Button onClick={() => setShown((n) => n + PAGE * 4)} sx={{ mt: 1 }}>
          Show more ({flips.length - shown} left)
        </Button>
      )}
    </>
  );
}
