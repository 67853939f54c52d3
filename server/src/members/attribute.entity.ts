import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date', 'enum'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** A custom member field an operator defines (e.g. "skin type", "membership anniversary"). */
@Entity('attribute_definition')
export class AttributeDefinitionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_attribute_definition__key', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 64 })
  label: string;

  @Column({ type: 'varchar', length: 16 })
  type: AttributeType;

  @Column({ type: 'simple-json', nullable: true })
  options: string[] | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** One typed value per member and attribute; typed columns keep comparisons indexable for segments. */
@Entity('member_attribute')
@Index('idx_member_attribute__text', ['attributeId', 'valueText'])
@Index('idx_member_attribute__number', ['attributeId', 'valueNumber'])
@Index('idx_member_attribute__date', ['attributeId', 'valueDate'])
export class MemberAttributeEntity {
  @Column({ type: 'int', primary: true })
  memberId: number;

  @Column({ type: 'int', primary: true })
  attributeId: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  valueText: string | null;

  @Column({ type: 'double', nullable: true })
  valueNumber: number | null;

  @Column({ type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ type: 'boolean', nullable: true })
  valueBool: boolean | null;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
