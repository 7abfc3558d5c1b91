import type { Brandname, Organization } from '../../api/types';
import { TextField } from '../../fields';
import { useEditForm } from './edit/edit-form';
import { EditCard } from './edit/EditCard';
import { brandnameEdits, organizationEdits } from './use-organization';
import type { BrandnameFields } from './use-organization';

const brandnameFields = (b: Brandname): BrandnameFields => ({ label: b.label, displayName: b.displayName, callReason: b.callReason });
const BRANDNAME_NAMES: Record<string, string> = { label: 'Nhãn', displayName: 'Tên tiếng Việt', callReason: 'Lý do cuộc gọi' };

/** A brandname's label, Vietnamese name and call reason; on a live brandname the change waits for review. */
export function EditBrandname(props: { brandname: Brandname; onSaved: (b: Brandname) => void; onCancel: () => void }) {
  const form = useEditForm(brandnameEdits(props.brandname.id), props.brandname, brandnameFields);
  const { draft, setDraft } = form;
  return (
    <EditCard label={`Sửa tên định danh ${props.brandname.label}`} form={form} fieldNames={BRANDNAME_NAMES} {...props}>
      <div className="grid-3">
        <TextField
          label="Nhãn mới"
          hint="Không dấu, tối đa 11 ký tự"
          required
          maxLength={11}
          value={draft.label}
          onChange={(label) => setDraft({ ...draft, label })}
        />
        <TextField
          label="Tên tiếng Việt mới"
          required
          maxLength={32}
          value={draft.displayName}
          onChange={(displayName) => setDraft({ ...draft, displayName })}
        />
        <TextField
          label="Lý do cuộc gọi mới"
          hint="Không bắt buộc"
          maxLength={64}
          value={draft.callReason ?? ''}
          onChange={(callReason) => setDraft({ ...draft, callReason: callReason || null })}
        />
      </div>
    </EditCard>
  );
}

const organizationFields = (o: Organization) => ({ name: o.name });

/** An organization's legal name (regulators); on a live organization the change waits for review. */
export function EditOrganization(props: { organization: Organization; onSaved: (o: Organization) => void; onCancel: () => void }) {
  const form = useEditForm(organizationEdits(props.organization.id), props.organization, organizationFields);
  return (
    <EditCard
      label={`Sửa cơ quan ${props.organization.code}`}
      form={form}
      fieldNames={{ name: 'Tên cơ quan', parentId: 'Cơ quan cấp trên' }}
      {...props}
    >
      <TextField
        label="Tên cơ quan mới"
        hint="Đúng như trong quyết định thành lập"
        required
        maxLength={200}
        value={form.draft.name}
        onChange={(name) => form.setDraft({ name })}
      />
    </EditCard>
  );
}
