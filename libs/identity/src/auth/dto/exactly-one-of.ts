import { registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';

/**
 * For alternatives such as `{ code }` or `{ recoveryCode }`: the request must carry exactly one member of
 * `group`. Each member's own rules run only when it is given; with none given, the first member of the group
 * is named as missing, and with several, each given one is named.
 */
export function ExactlyOneOf(group: readonly string[]): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    const property = String(propertyKey);
    const given = (object: object): string[] =>
      group.filter((name) => (object as Record<string, unknown>)[name] !== undefined);
    ValidateIf((object: object) => {
      const present = given(object);
      return present.includes(property) || (present.length === 0 && group[0] === property);
    })(target, propertyKey);
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: property,
      constraints: [group],
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => given(args.object).length === 1,
        defaultMessage: (args: ValidationArguments) =>
          given(args.object).length === 0
            ? `one of ${group.join(', ')} is required`
            : `give only one of ${group.join(', ')}`,
      },
    });
  };
}
