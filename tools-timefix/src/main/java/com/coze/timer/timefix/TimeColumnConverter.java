package com.coze.timer.timefix;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads one {@code --columns} entry; an unknown name is a usage error that names it. */
final class TimeColumnConverter implements ITypeConverter<TimeColumn> {

    @Override
    public TimeColumn convert(String value) {
        try {
            return TimeColumn.named(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
