import { forwardRef, useId, type ReactNode } from 'react';
import FormControl from '@mui/material/FormControl';
import FormHelperText, { type FormHelperTextProps } from '@mui/material/FormHelperText';
import InputLabel, { type InputLabelProps } from '@mui/material/InputLabel';
import OutlinedInput, { type OutlinedInputProps } from '@mui/material/OutlinedInput';
import type { SxProps, Theme } from '@mui/material/styles';

export type OutlinedTextFieldProps = Omit<
  OutlinedInputProps,
  'ref' | 'label' | 'notched' | 'inputProps' | 'slotProps' | 'slots' | 'sx' | 'className' | 'size'
> & {
  label?: ReactNode;
  helperText?: ReactNode;
  className?: string;
  sx?: SxProps<Theme>;
  size?: 'small' | 'medium';
  /** As TextField's: Autocomplete's renderInput passes its parts here. */
  slotProps?: {
    input?: Partial<OutlinedInputProps>;
    htmlInput?: OutlinedInputProps['inputProps'];
    inputLabel?: Partial<InputLabelProps>;
    formHelperText?: Partial<FormHelperTextProps>;
  };
};

/**
 * MUI's TextField for the outlined, non-select case, with the same elements, ids and ARIA wiring (label
 * `for` the input, `aria-describedby` the helper text). TextField itself imports Select with its Menu,
 * Popover, Modal and the other two variants (about 20 KB brotli) into every page that shows a text input.
 */
export const OutlinedTextField = forwardRef<HTMLDivElement, OutlinedTextFieldProps>(function OutlinedTextField(
  {
    id: idOverride,
    label,
    helperText,
    error,
    disabled,
    fullWidth,
    required,
    size,
    className,
    sx,
    slotProps = {},
    ...input
  },
  ref,
) {
  const generatedId = useId();
  const id = idOverride ?? generatedId;
  const helperTextId = helperText ? `${id}-helper-text` : undefined;
  const hasLabel = label != null && label !== '';
  const { inputLabel, htmlInput, formHelperText } = slotProps;
  return (
    <FormControl
      ref={ref}
      className={className ? `MuiTextField-root ${className}` : 'MuiTextField-root'}
      sx={sx}
      variant="outlined"
      error={error}
      disabled={disabled}
      fullWidth={fullWidth}
      required={required}
      size={size}
    >
      {hasLabel && (
        <InputLabel htmlFor={id} id={`${id}-label`} {...inputLabel}>
          {label}
        </InputLabel>
      )}
      <OutlinedInput
        aria-describedby={helperTextId}
        fullWidth={fullWidth}
        id={id}
        label={label}
        notched={inputLabel?.shrink}
        inputProps={htmlInput}
        {...input}
        {...slotProps.input}
      />
      {helperText && (
        <FormHelperText id={helperTextId} {...formHelperText}>
          {helperText}
        </FormHelperText>
      )}
    </FormControl>
  );
});
